//! How off-chain workers build transactions: the recommendations attester's worker submits
//! `attest` as an authorized general transaction (no signer, no fee; `AuthorizeCall` runs the
//! call's own checks in the pool).

use crate::{Runtime, RuntimeCall, TxExtension, UncheckedExtrinsic};
use frame_system::offchain::{
	CreateAuthorizedTransaction, CreateTransaction, CreateTransactionBase,
};

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
		crate::tx_extension(0)
	}
}
