//! Money: balances (with holds and freezes for escrow and deposits) and transaction fees, paid in
//! BZR or in a foreign asset (USDT).
//!
//! ## Fees in a stablecoin
//!
//! A transaction names its fee asset in the `ChargeAssetTxPayment` extension: none for BZR, or a
//! foreign asset's location (USDT: `(1, [Parachain(1000), PalletInstance(50),
//! GeneralIndex(1984)])`, as wallets name it for Asset Hub). The fee is computed in BZR as for
//! every transaction, then converted at the asset's governed rate (`AssetRate`, see
//! `configs::foreign_assets`): a shopper who holds only USDT pays in USDT. An asset without a rate
//! cannot pay fees (the transaction is invalid, `Payment`).
//!
//! Why a rate and not a pool (`pallet-asset-conversion-tx-payment`): a pool needs liquidity that
//! a young commerce chain does not have, and a thin pool is cheap to move, so fees paid through it
//! would be whatever the last trade made them; the rate is the one governance already keeps for
//! XCM execution and order deposits, one price of USDT across the chain. Its cost: the rate lags
//! the market (a market-admin referendum to update), so governance keeps a margin in the chain's
//! favour.
//!
//! Asset fees go to the block's author, like BZR fees; if the author cannot receive them (no
//! account in the asset and the fee below its minimum balance), to the treasury; if neither can,
//! they are burnt here (the USDT stays in Bazaar's sovereign account on Asset Hub, backing
//! nothing).

use super::governance::TreasuryAccount;
use crate::{
	AccountId, AssetRate, Authorship, Balance, Balances, ForeignAssets, Runtime, RuntimeEvent,
	RuntimeFreezeReason, RuntimeHoldReason, EXISTENTIAL_DEPOSIT, MICROUNIT, MILLIUNIT,
};
use frame_support::{
	parameter_types,
	traits::{
		fungibles::{Balanced, Credit},
		ConstU32, ConstU8, VariantCountOf,
	},
	weights::{
		constants::ExtrinsicBaseWeight, ConstantMultiplier, WeightToFeeCoefficient,
		WeightToFeeCoefficients, WeightToFeePolynomial,
	},
};
use polkadot_runtime_common::{impls::ToAuthor, SlowAdjustingFeeUpdate};
use sp_runtime::Perbill;

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = frame_system::Pallet<Runtime>;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	/// Escrow and deposits use holds, one reason per pallet (`#[pallet::composite_enum]`).
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// Maps a transaction's weight to its fee: the SDK's reference extrinsic base weight (108 µs)
/// costs 1/10 of a MILLIUNIT, like the template's, and the fee grows linearly with weight. The
/// price of a unit of weight is fixed here; it does not move when this runtime's own base weights
/// (`crate::weights::extrinsic_weights`) are measured again.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = MILLIUNIT / 10;
		let q = 100 * Balance::from(ExtrinsicBaseWeight::get().ref_time());
		alloc::vec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
		.into()
	}
}

parameter_types! {
	/// Fee per byte of transaction: the relay chain's `TransactionByteFee` / 10.
	pub const TransactionByteFee: Balance = 10 * MICROUNIT;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees and tips go to the collator that authored the block.
	type OnChargeTransaction =
		pallet_transaction_payment::FungibleAdapter<Balances, ToAuthor<Runtime>>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

/// Where fees paid in a foreign asset go: to the block's author, else to the treasury, else
/// burnt (see the module docs).
pub struct AssetFeesToAuthor;
impl pallet_asset_tx_payment::HandleCredit<AccountId, ForeignAssets> for AssetFeesToAuthor {
	fn handle_credit(credit: Credit<AccountId, ForeignAssets>) {
		let credit = match Authorship::author() {
			Some(author) => match ForeignAssets::resolve(&author, credit) {
				Ok(()) => return,
				Err(credit) => credit,
			},
			None => credit,
		};
		// Dropping what the treasury cannot take burns it.
		let _ = ForeignAssets::resolve(&TreasuryAccount::get(), credit);
	}
}

impl pallet_asset_tx_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// The foreign assets (USDT); BZR fees go through `pallet_transaction_payment`.
	type Fungibles = ForeignAssets;
	/// BZR fee converted at the asset's `AssetRate` rate.
	type OnChargeAssetTransaction =
		pallet_asset_tx_payment::FungiblesAdapter<AssetRate, AssetFeesToAuthor>;
	type WeightInfo = crate::weights::pallet_asset_tx_payment::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::foreign_assets::ForeignAssetsBenchmarkHelper;
}
