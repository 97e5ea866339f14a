//! What fills the blocks: the development chain's genesis plus funded buyers and a listing with
//! stock for all of them, and one signed transaction per buyer (each buyer's first, nonce 0), so
//! that every transaction in a block is independent of the others, as in a busy market.

use bazaar_runtime::{
	genesis_config_presets::{preset_genesis_config, DEMO_CATALOG},
	AccountId, Hash, Runtime, RuntimeCall, RuntimeGenesisConfig, UncheckedExtrinsic, UNIT,
};
use codec::Encode;
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::SignedPayload, BuildStorage, MultiAddress};

/// What each buyer starts with: enough for an order and its fee, and for a transfer.
pub const BUYER_FUNDS: u128 = 1_000 * UNIT;

/// The benchmark listing's unit price.
pub const UNIT_PRICE: u128 = 10 * UNIT;

/// What each transfer sends (to the next buyer).
pub const TRANSFER: u128 = UNIT;

/// The benchmark listing's id: listed at genesis after the demo catalog.
pub const LISTING: bazaar_primitives::ListingId =
	DEMO_CATALOG.len() as bazaar_primitives::ListingId;

/// The length of the delivery details a storefront seals to the seller: the ephemeral key, the
/// nonce and the tag (72 bytes) around a 128-byte postal address.
pub const SEALED_DETAILS_LEN: usize = 200;

/// What fills a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Workload {
	/// `orders.place_order`: one unit of the benchmark listing per buyer, escrowed, without
	/// delivery details.
	Orders,
	/// `orders.place_order` with [`SEALED_DETAILS_LEN`] bytes of delivery details sealed to the
	/// seller's key (published in a block before), without a delivery code (the storefront also
	/// sends a code: one more read and write of the code index, which the weights charge).
	SealedOrders,
	/// `balances.transfer_keep_alive`: each buyer sends [`TRANSFER`] to the next buyer.
	Transfers,
}

impl Workload {
	/// The transactions the chain needs before the measured block, in a block of their own.
	pub fn setup(self) -> Vec<(sr25519::Pair, RuntimeCall)> {
		match self {
			Workload::SealedOrders => vec![(
				Sr25519Keyring::Bob.pair(),
				pallet_orders::Call::set_encryption_key { key: SELLER_KEY }.into(),
			)],
			Workload::Orders | Workload::Transfers => Vec::new(),
		}
	}

	/// The call buyer `index` of `buyers` makes.
	pub fn call(self, index: usize, buyers: &Buyers) -> RuntimeCall {
		match self {
			Workload::Orders | Workload::SealedOrders => pallet_orders::Call::place_order {
				listing: LISTING,
				quantity: 1,
				max_unit_price: UNIT_PRICE,
				delivery_code_hash: None,
				sealed_delivery: (self == Workload::SealedOrders).then(sealed_details),
			}
			.into(),
			Workload::Transfers => pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(buyers.account((index + 1) % buyers.len())),
				value: TRANSFER,
			}
			.into(),
		}
	}
}

/// The buyers' key pairs, derived from their index.
pub struct Buyers(Vec<sr25519::Pair>);

impl Buyers {
	/// `count` buyers.
	pub fn new(count: usize) -> Self {
		Self(
			(0..count)
				.map(|index| {
					let seed =
						sp_io::hashing::blake2_256(&(b"bazaar/throughput", index as u64).encode());
					sr25519::Pair::from_seed(&seed)
				})
				.collect(),
		)
	}

	/// How many there are.
	pub fn len(&self) -> usize {
		self.0.len()
	}

	/// Whether there are none.
	pub fn is_empty(&self) -> bool {
		self.0.is_empty()
	}

	/// Buyer `index`'s account.
	pub fn account(&self, index: usize) -> AccountId {
		self.0[index].public().into()
	}

	/// The genesis: the development chain's, plus every buyer funded with [`BUYER_FUNDS`] and
	/// Bob's benchmark listing at [`UNIT_PRICE`] with a unit in stock for every buyer.
	pub fn genesis(&self) -> Result<sp_core::storage::Storage, String> {
		let mut config: RuntimeGenesisConfig =
			preset_genesis_config(&sp_genesis_builder::DEV_RUNTIME_PRESET.into())?;
		config
			.balances
			.balances
			.extend((0..self.len()).map(|index| (self.account(index), BUYER_FUNDS)));
		let stock = u32::try_from(self.len()).map_err(|_| "too many buyers")?;
		config.listings.listings.push((
			Sr25519Keyring::Bob.to_account_id(),
			bazaar_primitives::PaymentAsset::Native,
			UNIT_PRICE,
			stock,
			1,
			b"Throughput benchmark item".to_vec(),
		));
		config.build_storage()
	}

	/// Each buyer's `workload` call, signed for the chain with genesis `genesis_hash` (see
	/// [`sign`]).
	pub fn transactions(
		&self,
		workload: Workload,
		genesis_hash: Hash,
	) -> Result<Vec<UncheckedExtrinsic>, String> {
		let calls = self
			.0
			.iter()
			.enumerate()
			.map(|(index, pair)| (pair, workload.call(index, self)));
		sign(calls, genesis_hash)
	}
}

/// Stand-in sealed details of [`SEALED_DETAILS_LEN`] bytes (the runtime checks only their length).
fn sealed_details() -> pallet_orders::SealedToKeyOf<Runtime> {
	pallet_orders::SealedToKey {
		key: SELLER_KEY,
		sealed: frame_support::BoundedVec::truncate_from(vec![0x5e; SEALED_DETAILS_LEN]),
	}
}

/// The encryption key the seller publishes, to which the sealed orders are sealed.
const SELLER_KEY: pallet_orders::EncryptionKey = [7; 32];

/// Each `(signer, call)` as a signed transaction for the chain with genesis `genesis_hash`: the
/// signer's first transaction (nonce 0), immortal, no tip.
pub fn sign<'a>(
	calls: impl IntoIterator<Item = (&'a sr25519::Pair, RuntimeCall)>,
	genesis_hash: Hash,
) -> Result<Vec<UncheckedExtrinsic>, String> {
	sign_with_nonces(calls.into_iter().map(|(pair, call)| (pair, call, 0)), genesis_hash)
}

/// Each `(signer, call, nonce)` as a signed transaction for the chain with genesis
/// `genesis_hash`: immortal, no tip.
pub fn sign_with_nonces<'a>(
	calls: impl IntoIterator<Item = (&'a sr25519::Pair, RuntimeCall, bazaar_runtime::Nonce)>,
	genesis_hash: Hash,
) -> Result<Vec<UncheckedExtrinsic>, String> {
	// The signed payload commits to the genesis hash, which the extensions read from state.
	sp_io::TestExternalities::default().execute_with(|| {
		frame_system::BlockHash::<Runtime>::insert(0, genesis_hash);
		calls
			.into_iter()
			.map(|(pair, call, nonce)| {
				let extension = bazaar_runtime::tx_extension(nonce);
				let payload = SignedPayload::new(call.clone(), extension.clone())
					.map_err(|e| format!("the transaction extensions refused to sign: {e:?}"))?;
				let signature = payload.using_encoded(|bytes| pair.sign(bytes));
				Ok(UncheckedExtrinsic::new_signed(
					call,
					MultiAddress::Id(pair.public().into()),
					signature.into(),
					extension,
				))
			})
			.collect()
	})
}
