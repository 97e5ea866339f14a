//! How off-chain workers build transactions: the recommendations attester's worker submits
//! `attest` as an authorized general transaction (no signer, no fee; `AuthorizeCall` runs the
//! call's own checks in the pool).

use crate::{Runtime, RuntimeCall, TxExtension, UncheckedExtrinsic};
use frame_system::offchain::{
	CreateAuthorizedTransaction, CreateTransaction, CreateTransactionBase,
};
use sp_runtime::generic::Era;

impl<LocalCall> CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> CreateTransaction<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extension = TxExtension;

	fn create_transaction(call: RuntimeCall, extension: TxExtension) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_transaction(call, extension)
	}
}

impl<LocalCall> CreateAuthorizedTransaction<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	/// The extensions of an authorized transaction: the same as a signed one's, where those that
	/// need a signer (nonce, fee) do nothing for an authorized origin. No metadata hash is
	/// checked: no offline signer is involved.
	fn create_extension() -> TxExtension {
		cumulus_pallet_weight_reclaim::StorageWeightReclaim::new((
			frame_system::AuthorizeCall::<Runtime>::new(),
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(0),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
			frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		))
	}
}
