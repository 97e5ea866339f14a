//! Collators: who authors blocks (collator selection with invulnerables and bonded candidates),
//! their session keys, and Aura block authorship.

use crate::{
	configs::xcm::RelayLocation, AccountId, Aura, AuraId, Balances, BlockNumber, CollatorSelection,
	Runtime, RuntimeEvent, Session, SessionKeys, HOURS, SLOT_DURATION,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, EitherOfDiverse},
	PalletId,
};
use frame_system::EnsureRoot;
use pallet_xcm::{EnsureXcm, IsVoiceOfBody};
use xcm::latest::BodyId;

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	/// Collator selection tracks the last block each collator authored, to kick idle ones.
	type EventHandler = (CollatorSelection,);
}

parameter_types! {
	/// Session length: collator set changes take effect at session boundaries.
	pub const Period: BlockNumber = 6 * HOURS;
	pub const Offset: BlockNumber = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	/// No stash/controller split: a collator's account is its validator id.
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = crate::weights::pallet_session::WeightInfo<Runtime>;
	type Currency = Balances;
	/// Setting keys costs no deposit: only registered collators' keys matter.
	type KeyDeposit = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100_000>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

parameter_types! {
	/// The account collecting the collators' rewards pot.
	pub const PotId: PalletId = PalletId(*b"PotStake");
	/// The relay chain body allowed to manage collators, besides root.
	pub const StakingAdminBodyId: BodyId = BodyId::Defense;
}

/// Root, or the relay chain's staking admin, may change the invulnerable set and bonds.
pub type CollatorSelectionUpdateOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureXcm<IsVoiceOfBody<RelayLocation, StakingAdminBodyId>>,
>;

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = CollatorSelectionUpdateOrigin;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<20>;
	/// A candidate that authored no block for a whole session is removed.
	type KickThreshold = Period;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = crate::weights::pallet_collator_selection::WeightInfo<Runtime>;
}
