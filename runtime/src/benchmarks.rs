//! The pallets benchmarked in this runtime (`frame-omni-bencher` or `bazaar-node benchmark
//! pallet` run them against the runtime built with `runtime-benchmarks`).

use crate::{AllPalletsWithSystem, ParachainSystem, Runtime, SessionKeys, System};
use alloc::{string::String, vec::Vec};
use codec::Encode;
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_assets, ForeignAssets]
	[pallet_asset_rate, AssetRate]
	[pallet_asset_tx_payment, AssetTxPayment]
	[pallet_session, SessionBench::<Runtime>]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_message_queue, MessageQueue]
	[pallet_sudo, Sudo]
	[pallet_collator_selection, CollatorSelection]
	[cumulus_pallet_parachain_system, ParachainSystem]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
	[pallet_xcm, PalletXcmExtrinsicsBenchmark::<Runtime>]
	[cumulus_pallet_weight_reclaim, WeightReclaim]
	[pallet_listings, Listings]
	[pallet_orders, Orders]
	[pallet_reputation, Reputation]
	[pallet_recommendations, Recommendations]
	[pallet_treasury, Treasury]
	[pallet_preimage, Preimage]
	[pallet_scheduler, Scheduler]
	[pallet_conviction_voting, ConvictionVoting]
	[pallet_referenda, Referenda]
	[pallet_whitelist, Whitelist]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_multisig, Multisig]
	[pallet_nfts, Nfts]
);

use crate::{
	AssetRate, AssetTxPayment, Balances, CollatorSelection, ConvictionVoting, ForeignAssets,
	Listings, MessageQueue, Multisig, Nfts, Orders, Preimage, Proxy, Recommendations, Referenda,
	Reputation, Scheduler, Sudo, Timestamp, TransactionPayment, Treasury, Utility, WeightReclaim,
	Whitelist, XcmpQueue,
};
use cumulus_pallet_session_benchmarking::Pallet as SessionBench;
use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};
use pallet_xcm::benchmarking::Pallet as PalletXcmExtrinsicsBenchmark;

impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(code: &Vec<u8>) -> Result<(), BenchmarkError> {
		ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}

frame_support::parameter_types! {
	/// What a delivery fee is paid with in the benchmarks: enough BZR for the account to exist.
	pub ExistentialDepositAsset: Option<xcm::latest::Asset> =
		Some((xcm::latest::Location::here(), crate::EXISTENTIAL_DEPOSIT).into());
}

/// `pallet_xcm` is benchmarked with what this runtime allows: `send` (and the calls that need no
/// transfer) to the relay chain, with delivery priced as in the runtime, and `transfer_assets` of
/// USDT back to Asset Hub, its reserve. Teleports, and reserve transfers of an asset Bazaar is the
/// reserve of (what `reserve_transfer_assets` benchmarks), are filtered out: those benchmarks are
/// skipped and weigh `Weight::MAX`, so the older reserve-transfer calls cannot be used.
impl pallet_xcm::benchmarking::Config for Runtime {
	type DeliveryHelper = cumulus_primitives_utility::ToParentDeliveryHelper<
		crate::configs::xcm::XcmConfig,
		ExistentialDepositAsset,
		crate::configs::xcm::PriceForParentDelivery,
	>;

	fn reachable_dest() -> Option<xcm::latest::Location> {
		Some(xcm::latest::Location::parent())
	}

	fn get_asset() -> xcm::latest::Asset {
		(xcm::latest::Location::here(), crate::EXISTENTIAL_DEPOSIT).into()
	}

	/// 100 USDT of the caller's, to Asset Hub: burnt here (Asset Hub pays them out of Bazaar's
	/// sovereign account), delivery paid in BZR over an open channel to Asset Hub.
	fn set_up_complex_asset_transfer(
	) -> Option<(xcm::latest::Assets, u32, xcm::latest::Location, alloc::boxed::Box<dyn FnOnce()>)>
	{
		use crate::{
			configs::foreign_assets::{
				usdt_for_benchmarks, AssetHubLocation, UsdtLocation, ASSET_HUB_PARA_ID,
			},
			genesis_config_presets::USDT_UNIT,
			ForeignAssets, UNIT,
		};
		use frame_support::traits::{fungible, fungibles};
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(
			ASSET_HUB_PARA_ID.into(),
		);
		let caller: crate::AccountId = frame_benchmarking::whitelisted_caller();
		let _ = <crate::Balances as fungible::Mutate<_>>::set_balance(&caller, 1_000 * UNIT);
		usdt_for_benchmarks();
		let amount = 100 * USDT_UNIT;
		let _ = <ForeignAssets as fungibles::Mutate<_>>::mint_into(
			UsdtLocation::get(),
			&caller,
			2 * amount,
		);
		let verify = alloc::boxed::Box::new(move || {
			let left =
				<ForeignAssets as fungibles::Inspect<_>>::balance(UsdtLocation::get(), &caller);
			assert_eq!(left, amount, "the transferred USDT left the caller");
		});
		Some(((UsdtLocation::get(), amount).into(), 0, AssetHubLocation::get(), verify))
	}
}

impl pallet_transaction_payment::BenchmarkConfig for Runtime {
	/// Fees go to the block's author (`ToAuthor`, see `configs::monetary`): the benchmark's block
	/// gets one as a collator's block does, from the Aura pre-runtime digest (slot 0: the first
	/// collator of the session), so paying the author is measured too. As in a real block,
	/// `pallet_authorship` has found the author before any transaction (its `on_initialize`) and
	/// keeps it for the block. The author is the benchmarks' whitelisted account, whose storage
	/// accesses are not counted: a block reads and writes its author's account once however many
	/// fees it takes, and `configs::system::AuthorAccountPerBlock` charges that once per block.
	fn setup_benchmark_environment() {
		use frame_support::traits::fungible::Mutate;
		let author: crate::AccountId = frame_benchmarking::whitelisted_caller();
		let _ = crate::Balances::set_balance(&author, crate::EXISTENTIAL_DEPOSIT * 1_000);
		pallet_session::Validators::<Runtime>::put(alloc::vec![author]);
		let slot = sp_consensus_aura::Slot::from(0u64);
		System::deposit_log(sp_runtime::DigestItem::PreRuntime(
			sp_consensus_aura::AURA_ENGINE_ID,
			slot.encode(),
		));
		let _ = crate::Authorship::author();
	}
}

impl cumulus_pallet_session_benchmarking::Config for Runtime {
	fn generate_session_keys_and_proof(owner: Self::AccountId) -> (Self::Keys, Vec<u8>) {
		let keys = SessionKeys::generate(&owner.encode(), None);
		(keys.keys, keys.proof.encode())
	}
}

/// The benchmarks this runtime offers, and the storage items they may touch.
pub fn benchmark_metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Runs the benchmarks `config` selects.
pub fn dispatch_benchmark(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
