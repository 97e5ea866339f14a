//! # Recommendations pallet
//!
//! Verifiable recommendations for the Bazaar marketplace: a governed integer (int8) model, run by
//! bonded attesters in their nodes' off-chain workers, whose signed results anyone can challenge
//! and the runtime can check.
//!
//! ## Overview
//!
//! - **Model registry.** [`Config::ModelOrigin`] approves a model by its digest and header
//!   ([`Pallet::approve_model`]) and names an uploader, who uploads the rows in batches of
//!   increasing item id ([`Pallet::upload_rows`]), paying [`Config::RowDeposit`] per row. The chain
//!   extends the digest with every batch ([`bazaar_inference::extend_digest`]); when the last row
//!   is in and the digest matches, the model becomes the active one and the previous one is
//!   retired. Rows are stored per (version, item) in [`ModelRows`], so checking a claim reads only
//!   the rows it needs. A retired model's rows are removed in bounded steps by anyone
//!   ([`Pallet::reap_model`]) once no attestation refers to it, and the deposit goes back.
//! - **Purchase history.** Every completed order ([`bazaar_primitives::OnOrderSettled`]) of a buyer
//!   who opted in ([`Pallet::set_participation`]) appends the listing to the buyer's bounded
//!   [`History`], bumps its nonce and marks the buyer stale ([`StaleUsers`], at most
//!   [`Config::MaxStaleUsers`]). Opting out deletes the history and the attestation.
//! - **Taste vectors.** The same purchase updates the buyer's taste under the active model
//!   ([`TasteVectors`], [`bazaar_inference::TasteVector::record`]): one row read, one vector
//!   written. When a model is activated, `on_idle` builds every participant's taste under it from
//!   the stored history ([`TasteRebuild`], as much per block as the block's leftover weight pays
//!   for) and marks the participant stale, so it is attested under the new model. The off-chain
//!   worker and challenges read the stored taste instead of one row per purchase.
//! - **Attesters** register a `reco` key ([`crypto`]) with a bond held
//!   ([`Pallet::register_attester`]) and leave with an unbonding delay
//!   ([`Pallet::unregister_attester`], [`Pallet::withdraw_bond`]).
//! - **Off-chain worker.** On a node whose keystore holds a registered attester's key, the worker
//!   takes up to [`Config::MaxAttestationsPerAttester`] stale users per block, runs
//!   [`bazaar_inference`] top-k under the active model, signs and submits [`Pallet::attest`]. A
//!   persistent off-chain lock per (user, nonce) keeps it from submitting the same attestation
//!   again while the first one may still be in the pool.
//! - **Attest.** An authorized (`#[pallet::authorize]`) call: valid only from a registered
//!   attester's key, for the active model and the user's current history nonce, with items that
//!   exist in the model, ranked strictly by [`bazaar_inference::ranks_above`]. The first valid
//!   attestation wins; every check runs in the transaction pool, so invalid attestations never
//!   reach a block. Attesters pay no transaction fee: the call is authorized, not signed, so honest
//!   attesters are never out of pocket. What bounds the free block space and storage: only users
//!   waiting in [`StaleUsers`] may be attested (a user becomes stale by a purchase, which pays
//!   fees), once per purchase; a block holds at most [`Config::MaxAttestationsPerBlock`]
//!   attestations and [`Config::MaxAttestationsPerAttester`] of one attester's
//!   ([`AttestationsInBlock`]); and [`Config::AttestationPriority`] ranks them below paying
//!   transactions.
//! - **Challenge.** For [`Config::ChallengeWindow`] blocks anyone may [`Pallet::challenge`] an
//!   attestation with a [`Claim`]: `WrongScore(i)` (the i-th score is not what the model computes)
//!   or `MissedItem(listing)` (a listing left out ranks above the last one). The runtime recomputes
//!   only that: the user's profile from the history and the stored taste vector (no rows), and the
//!   score of one item from its row. Proven fraud slashes the attester's whole bond
//!   ([`Config::ChallengerReward`] of it to the challenger, the rest to
//!   [`Config::SlashDestination`]), removes the attester and the attestation and marks the user
//!   stale; a failed challenge forfeits [`Config::ChallengeDeposit`] to the slash destination.
//!
//! ## Scores and ranking
//!
//! Scores are exactly those of [`bazaar_inference`]: integer-only, identical in the worker
//! (WASM), in the runtime and in `bazaar-model`. Items are model rows keyed by listing id; the
//! ranking covers every item of the model (a listing closed since the model was trained can
//! still be recommended: front ends filter those out).
//!
//! ## Runtime API
//!
//! [`runtime_api::RecommendationsApi`]: a user's current attested recommendations with attester
//! and model version, the score of one listing for a user, and the active model.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod challenge_impls;
pub mod crypto;
mod dispatchable_impls;
mod history;
pub mod migrations;
#[cfg(test)]
mod mock;
mod offchain;
#[cfg(feature = "runtime-api")]
pub mod runtime_api;
mod tastes;
#[cfg(test)]
mod tests;
pub mod types;
mod utility_impls;
pub mod weights;

const LOG_TARGET: &str = "runtime::recommendations";

// The FRAME macros expand to `expect`s with proofs (pallet index and name in the runtime); our
// own code in this module is the thin call wrappers and has none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use bazaar_inference::ModelHeader;
	use bazaar_primitives::ListingId;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			BuildGenesisConfig,
		},
	};
	use frame_system::{offchain::CreateAuthorizedTransaction, pallet_prelude::*};
	use sp_core::H256;
	use sp_runtime::{
		traits::{MaybeSerializeDeserialize, Zero},
		Perbill, RuntimeAppPublic,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + CreateAuthorizedTransaction<Call<Self>> {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The currency bonds and deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Approves models (a governance track).
		type ModelOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// An attester's public signing key (`reco`, see [`crypto::AttesterId`]).
		type AttesterId: Member
			+ Parameter
			+ RuntimeAppPublic<Signature = Self::AttesterSignature>
			+ Ord
			+ MaxEncodedLen
			+ MaybeSerializeDeserialize;

		/// A signature by an attester's key; its encoding is at most [`MAX_SIGNATURE_LEN`]
		/// bytes.
		type AttesterSignature: Member + Parameter;

		/// Receives slashed bonds (beyond the challenger's reward) and forfeited challenge
		/// deposits: the treasury.
		type SlashDestination: Get<Self::AccountId>;

		/// The deposit held from a model's uploader per uploaded row, released when the
		/// retired model's rows are removed.
		#[pallet::constant]
		type RowDeposit: Get<BalanceOf<Self>>;

		/// The bond an attester holds while registered, slashed on proven fraud.
		#[pallet::constant]
		type AttesterBond: Get<BalanceOf<Self>>;

		/// Blocks between an attester announcing it leaves and withdrawing its bond: longer than
		/// [`Config::ChallengeWindow`], so its last attestations can still be challenged.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// What a challenger puts up, forfeited if the challenge fails.
		#[pallet::constant]
		type ChallengeDeposit: Get<BalanceOf<Self>>;

		/// Blocks after an attestation during which it may be challenged.
		#[pallet::constant]
		type ChallengeWindow: Get<BlockNumberFor<Self>>;

		/// Blocks an approved model's uploader has to upload all its rows. Unfinished by then,
		/// the upload is abandoned: anyone may retire it and remove its rows.
		#[pallet::constant]
		type UploadWindow: Get<BlockNumberFor<Self>>;

		/// The challenger's share of a slashed bond.
		#[pallet::constant]
		type ChallengerReward: Get<Perbill>;

		/// The most items (rows) a model may have.
		#[pallet::constant]
		type MaxModelItems: Get<u32>;

		/// The most rows one [`Pallet::upload_rows`] (and one [`Pallet::reap_model`]) handles.
		#[pallet::constant]
		type MaxRowsPerUpload: Get<u32>;

		/// The most purchases kept per user (at most [`bazaar_inference::MAX_HISTORY`]): a
		/// challenge reads at most this many rows.
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// How many items an attestation ranks (at most [`bazaar_inference::MAX_K`]).
		#[pallet::constant]
		type RecommendationsPerUser: Get<u32>;

		/// The most users waiting for an attestation at once; beyond it a user waits for its
		/// next purchase.
		#[pallet::constant]
		type MaxStaleUsers: Get<u32>;

		/// The most attestations one block holds, from all attesters together. Attestations
		/// pay no fee: this bounds the block space and the storage they take per block. The
		/// rest wait in the transaction pool for later blocks.
		#[pallet::constant]
		type MaxAttestationsPerBlock: Get<u32>;

		/// The most attestations one block holds from one attester (at most
		/// [`Config::MaxAttestationsPerBlock`]), so one attester cannot take every slot. Also
		/// what an attester's off-chain worker computes per block.
		#[pallet::constant]
		type MaxAttestationsPerAttester: Get<u32>;

		/// The transaction-pool priority of attestations. They pay no fee, so it should rank
		/// them below every paying transaction (a fee-paying transaction's priority is at least
		/// 1): attestations then take the block space paying users leave.
		#[pallet::constant]
		type AttestationPriority: Get<TransactionPriority>;

		/// Blocks an attestation stays valid in the pool, and before the worker submits one
		/// for the same user and nonce again.
		#[pallet::constant]
		type AttestationLongevity: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of an uploaded model's rows.
		#[codec(index = 0)]
		ModelDeposit,
		/// An attester's bond.
		#[codec(index = 1)]
		AttesterBond,
		/// A challenger's deposit, for the length of the challenge call.
		#[codec(index = 2)]
		ChallengeDeposit,
	}

	/// The version the next approved model gets.
	#[pallet::storage]
	pub type NextModelVersion<T> = StorageValue<_, ModelVersion, ValueQuery>;

	/// Every model version still stored.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Twox64Concat, ModelVersion, ModelOf<T>>;

	/// The rows of each model version, by item (listing id).
	#[pallet::storage]
	pub type ModelRows<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelVersion,
		Twox64Concat,
		ListingId,
		bazaar_inference::ItemRow,
	>;

	/// The model attestations must use.
	#[pallet::storage]
	pub type ActiveModel<T> = StorageValue<_, ModelVersion, OptionQuery>;

	/// Accounts that opted in to recommendations: only their purchases are recorded.
	#[pallet::storage]
	pub type Participants<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// The purchase history of each participant.
	#[pallet::storage]
	pub type Histories<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, HistoryOf<T>, ValueQuery>;

	/// Each participant's taste vector under a model ([`bazaar_inference::TasteVector`]): kept up
	/// to date at every recorded purchase for the active model, built from the history when a
	/// model is activated ([`TasteRebuild`]), frozen for older models (a challenge of an older
	/// attestation reads it) until the model is reaped. A participant without purchases has
	/// none (its taste is empty).
	#[pallet::storage]
	pub type TasteVectors<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelVersion,
		Blake2_128Concat,
		T::AccountId,
		bazaar_inference::TasteVector,
	>;

	/// The active model's taste vectors still being built from the stored histories, in
	/// `on_idle`, after the model's activation (or the upgrade that introduced taste vectors):
	/// how far the build got. Gone once every history has its taste.
	#[pallet::storage]
	pub type TasteRebuild<T: Config> = StorageValue<_, TasteRebuildOf<T>>;

	/// Participants whose history changed since their last attestation.
	#[pallet::storage]
	pub type StaleUsers<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	/// Registered attesters (and leaving ones until they withdraw their bond).
	#[pallet::storage]
	pub type Attesters<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, AttesterOf<T>>;

	/// The account of each active attester key.
	#[pallet::storage]
	pub type AttesterKeys<T: Config> = StorageMap<_, Blake2_128Concat, T::AttesterId, T::AccountId>;

	/// The latest accepted attestation of each user.
	#[pallet::storage]
	pub type Attestations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AttestationRecordOf<T>>;

	/// The attestations placed in the current block, by attester: what
	/// [`Config::MaxAttestationsPerBlock`] and [`Config::MaxAttestationsPerAttester`] are
	/// checked against. Overwritten by the first attestation of each block.
	#[pallet::storage]
	pub type AttestationsInBlock<T: Config> = StorageValue<_, BlockAttestationsOf<T>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// A model active from genesis: the SCALE encoding of a
		/// [`bazaar_inference::ModelFile`] (as `bazaar-model export` writes it) and the account
		/// named as its uploader. No deposit is held for it.
		pub model: Option<(alloc::vec::Vec<u8>, T::AccountId)>,
		/// Attesters registered at genesis, with their keys; their bonds are held.
		pub attesters: alloc::vec::Vec<(T::AccountId, T::AttesterId)>,
		/// Accounts opted in to recommendations at genesis.
		pub participants: alloc::vec::Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some((bytes, uploader)) = &self.model {
				Pallet::<T>::genesis_model(bytes, uploader);
			}
			for (attester, key) in &self.attesters {
				if let Err(error) =
					Pallet::<T>::register_attester_key(attester.clone(), key.clone())
				{
					panic!("genesis attester cannot register: {error:?}");
				}
			}
			for who in &self.participants {
				Participants::<T>::insert(who, ());
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance approved a model; its uploader may upload the rows.
		ModelApproved {
			/// The new version.
			version: ModelVersion,
			/// The digest the rows must hash to.
			digest: H256,
			/// Who uploads the rows.
			uploader: T::AccountId,
			/// How many rows it has.
			item_count: u32,
		},
		/// A batch of a model's rows was uploaded.
		RowsUploaded {
			/// The model version.
			version: ModelVersion,
			/// Rows in this batch.
			rows: u32,
			/// Rows uploaded so far.
			total: u32,
		},
		/// A model's upload completed and matched its digest: attestations now use it.
		ModelActivated {
			/// The new active version.
			version: ModelVersion,
			/// The version it replaced, now retired.
			replaced: Option<ModelVersion>,
		},
		/// A model finished uploading after a newer one was activated: it was retired unused, so
		/// an upload held back cannot undo governance's later decision. Approve it again if it is
		/// wanted.
		ModelSuperseded {
			/// The version that finished late.
			version: ModelVersion,
			/// The newer active version.
			by: ModelVersion,
		},
		/// A model's upload was not finished within its upload window: it was retired unused
		/// (by `reap_model`, which then removes its rows).
		ModelUploadAbandoned {
			/// The version whose upload was abandoned.
			version: ModelVersion,
			/// The rows it had uploaded.
			rows: u32,
		},
		/// A model's rows did not hash to the approved digest: it was retired unused.
		ModelRejected {
			/// The version.
			version: ModelVersion,
			/// The digest the uploaded rows hashed to.
			uploaded: H256,
		},
		/// Rows and taste vectors of a retired model were removed.
		ModelRowsReaped {
			/// The version.
			version: ModelVersion,
			/// Rows removed by this call.
			rows: u32,
			/// Taste vectors removed by this call.
			tastes: u32,
		},
		/// The last rows and taste vectors of a retired model were removed, and its deposit
		/// released.
		ModelRemoved {
			/// The version.
			version: ModelVersion,
			/// The deposit released to the uploader.
			deposit: BalanceOf<T>,
		},
		/// An account opted in to recommendations.
		OptedIn {
			/// The account.
			who: T::AccountId,
		},
		/// An account opted out: its history and attestation were deleted.
		OptedOut {
			/// The account.
			who: T::AccountId,
		},
		/// The taste vectors of every history under a newly activated model are built: each
		/// participant with purchases can be attested under it.
		TastesBuilt {
			/// The model.
			version: ModelVersion,
		},
		/// A participant's completed purchase was added to its history.
		PurchaseRecorded {
			/// The buyer.
			user: T::AccountId,
			/// What was bought.
			listing: ListingId,
			/// The history's new nonce.
			nonce: u64,
		},
		/// An attester registered, with its bond held.
		AttesterRegistered {
			/// The attester's account.
			attester: T::AccountId,
			/// Its signing key.
			key: T::AttesterId,
			/// The bond held.
			bond: BalanceOf<T>,
		},
		/// An attester announced it leaves; it attests no more.
		AttesterLeaving {
			/// The attester.
			attester: T::AccountId,
			/// From this block on it may withdraw its bond.
			unbonds_at: BlockNumberFor<T>,
		},
		/// A leaving attester withdrew its bond.
		BondWithdrawn {
			/// The attester.
			attester: T::AccountId,
			/// The bond released.
			bond: BalanceOf<T>,
		},
		/// An attestation was accepted.
		Attested {
			/// Whose recommendations.
			user: T::AccountId,
			/// The attester's account.
			attester: T::AccountId,
			/// The model version.
			model_version: ModelVersion,
			/// The history nonce.
			history_nonce: u64,
			/// How many items it ranks.
			items: u32,
		},
		/// An outdated attestation was removed; the user waits for a new one.
		AttestationRemoved {
			/// Whose attestation.
			user: T::AccountId,
		},
		/// A challenge proved an attestation false: the attester was slashed and removed.
		ChallengeSucceeded {
			/// Whose attestation.
			user: T::AccountId,
			/// Who challenged.
			challenger: T::AccountId,
			/// The slashed attester.
			attester: T::AccountId,
			/// What was proven.
			claim: Claim,
			/// The bond slashed.
			slashed: BalanceOf<T>,
			/// The part of it paid to the challenger.
			reward: BalanceOf<T>,
		},
		/// A challenge failed: the attestation stands, the deposit was forfeited.
		ChallengeFailed {
			/// Whose attestation.
			user: T::AccountId,
			/// Who challenged.
			challenger: T::AccountId,
			/// What was claimed.
			claim: Claim,
			/// The deposit forfeited.
			deposit: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The model header breaks a bound of the inference code (format version, dimension,
		/// decay, shift, repeat weight or flags). Export the model with `bazaar-model`.
		InvalidModel,
		/// The model has more items than `MaxModelItems`. Train on a smaller catalog.
		ModelTooLarge,
		/// There is no model with this version (never approved, or removed).
		UnknownModel,
		/// The model is not being uploaded: it is active or retired already.
		NotUploading,
		/// Only the uploader governance named may upload this model's rows.
		NotUploader,
		/// The batch is empty. Send at least one row.
		EmptyBatch,
		/// The batch's item ids are not strictly increasing, or do not start above the last
		/// uploaded one. Upload the rows in the order of `model.scale`.
		RowsOutOfOrder,
		/// The batch holds more rows than the header's `item_count` leaves. Check the model.
		TooManyRows,
		/// A row does not match the header (embedding length or bias bound).
		InvalidRow,
		/// The uploader cannot hold the rows' deposit. Top up before uploading.
		InsufficientDeposit,
		/// The model is active or not retired, or attestations still refer to it. Remove those
		/// attestations first (`remove_attestation`).
		ModelInUse,
		/// The account's participation is already as asked.
		ParticipationUnchanged,
		/// The account is an attester already.
		AlreadyAttester,
		/// Another attester registered this key. Generate a new `reco` key.
		KeyInUse,
		/// The account cannot hold the attester bond. Top up first.
		InsufficientBond,
		/// The account is not an attester.
		NotAttester,
		/// The attester announced leaving already.
		AlreadyLeaving,
		/// The attester has not announced leaving: call `unregister_attester` first.
		NotLeaving,
		/// The unbonding period has not passed yet. Wait for the block in `AttesterLeaving`.
		StillBonded,
		/// The key is not the key of an active attester.
		UnknownAttester,
		/// The signature is not the attester key's signature of this attestation.
		BadSignature,
		/// The attestation is not for the active model.
		ModelNotActive,
		/// The user has not opted in to recommendations.
		NotParticipant,
		/// The attestation is not for the user's current history nonce: a purchase (or opting
		/// out and in again) changed the history since. Attest the current history
		/// (`Histories`).
		StaleHistory,
		/// The attestation's `history_digest` is not the digest of the user's current history:
		/// compute it with `History::digest` from the history the model read.
		WrongHistoryDigest,
		/// The user is not waiting for an attestation (not in `StaleUsers`): its current history
		/// was attested already (the first valid attestation wins), or it bought nothing since
		/// opting in. Attest users in `StaleUsers` only.
		NotStale,
		/// The items are not ranked strictly best first (score, then lower id), or repeat.
		NotRanked,
		/// An item has no row in the model.
		UnknownItem,
		/// The user has no attestation.
		NoAttestation,
		/// The attestation's challenge window has passed.
		ChallengeWindowClosed,
		/// The user's history changed since the attestation (another nonce or digest): it is
		/// superseded, and no longer served or challengeable, since the history it was computed
		/// from is gone.
		AttestationSuperseded,
		/// The claim names a position beyond the attestation's list.
		InvalidClaimIndex,
		/// The claimed missed listing is in the attestation's list.
		ItemWasRecommended,
		/// The claimed missed listing has no row in the attestation's model.
		NotAModelItem,
		/// The challenger cannot hold the challenge deposit.
		InsufficientChallengeDeposit,
		/// The attestation is still current (active model, current nonce) or may still be
		/// challenged: it cannot be removed.
		AttestationCurrent,
		/// This block holds `MaxAttestationsPerBlock` attestations already, or
		/// `MaxAttestationsPerAttester` of this attester's. Nothing is wrong with the
		/// attestation: the pool keeps it and a later block includes it.
		AttestationsExhausted,
		/// The user's taste vector under this model is not built yet: a model was activated
		/// (or the chain upgraded) a few blocks ago and `on_idle` is still building the tastes
		/// from the histories (`TasteRebuild`). Try again once the user's is in `TasteVectors`.
		TasteNotBuilt,
		/// The proof does not show that the caller holds the key: it must be the key's
		/// signature of the caller's ownership statement (see `register_attester`). Make it
		/// with the node that holds the key (`author_rotateKeysWithOwner`), for this account.
		InvalidKeyProof,
		/// The model's upload window (`UploadWindow` after its approval) has passed: the upload
		/// is abandoned and can no longer be completed. Governance may approve the model again.
		UploadExpired,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::run_offchain_worker(now);
		}

		/// Builds taste vectors of a newly activated model with the weight the block leaves.
		fn on_idle(_now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::build_tastes(remaining)
		}

		fn integrity_test() {
			let history = T::MaxHistory::get();
			assert!(
				history > 0 && history <= bazaar_inference::MAX_HISTORY,
				"MaxHistory is not in 1..=MAX_HISTORY of the inference code"
			);
			let k = T::RecommendationsPerUser::get();
			assert!(
				k > 0 && k <= bazaar_inference::MAX_K,
				"RecommendationsPerUser not in 1..=MAX_K"
			);
			assert!(T::MaxRowsPerUpload::get() > 0, "MaxRowsPerUpload must be positive");
			assert!(
				T::UnbondingPeriod::get() > T::ChallengeWindow::get(),
				"UnbondingPeriod must outlast the ChallengeWindow"
			);
			assert!(!T::AttesterBond::get().is_zero(), "AttesterBond must be positive");
			let per_attester = T::MaxAttestationsPerAttester::get();
			assert!(
				per_attester > 0 && per_attester <= T::MaxAttestationsPerBlock::get(),
				"MaxAttestationsPerAttester not in 1..=MaxAttestationsPerBlock"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_now: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Approve a model by its digest and header, and name who uploads its rows.
		///
		/// ## Dispatch Origin
		/// [`Config::ModelOrigin`].
		///
		/// ## Errors
		/// - [`Error::InvalidModel`] if the header breaks a bound of the inference code.
		/// - [`Error::ModelTooLarge`] if it has more than `MaxModelItems` items.
		///
		/// ## Events
		/// - [`Event::ModelApproved`]
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::approve_model())]
		pub fn approve_model(
			origin: OriginFor<T>,
			digest: H256,
			header: ModelHeader,
			uploader: T::AccountId,
		) -> DispatchResult {
			T::ModelOrigin::ensure_origin(origin)?;
			Self::do_approve_model(digest, header, uploader)
		}

		/// Upload the next batch of an approved model's rows, in increasing item order, holding
		/// [`Config::RowDeposit`] per row. The batch that completes the model activates it if
		/// the rows hash to the approved digest, and retires it otherwise.
		///
		/// ## Dispatch Origin
		/// Signed by the model's uploader.
		///
		/// ## Errors
		/// - [`Error::UnknownModel`], [`Error::NotUploading`], [`Error::NotUploader`],
		///   [`Error::EmptyBatch`], [`Error::RowsOutOfOrder`], [`Error::TooManyRows`],
		///   [`Error::InvalidRow`], [`Error::InsufficientDeposit`].
		///
		/// ## Events
		/// - [`Event::RowsUploaded`]; on the last batch [`Event::ModelActivated`],
		///   [`Event::ModelSuperseded`] or [`Event::ModelRejected`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::upload_rows(rows.len() as u32))]
		pub fn upload_rows(
			origin: OriginFor<T>,
			version: ModelVersion,
			rows: RowBatchOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_upload_rows(who, version, rows)
		}

		/// Remove up to `max_rows` rows and taste vectors (together at most `MaxRowsPerUpload`)
		/// of a retired model that no attestation refers to, rows first; the call that removes
		/// the last one releases the uploader's deposit and forgets the model. A model whose upload
		/// window passed unfinished is retired first ([`Event::ModelUploadAbandoned`]).
		///
		/// ## Dispatch Origin
		/// Signed by anyone.
		///
		/// ## Errors
		/// - [`Error::UnknownModel`]; [`Error::ModelInUse`] if the model is active, still within
		///   its upload window, or an attestation still refers to it.
		///
		/// ## Events
		/// - [`Event::ModelRowsReaped`], and [`Event::ModelRemoved`] when done.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::reap_model(
			(*max_rows).min(T::MaxRowsPerUpload::get())
		))]
		pub fn reap_model(
			origin: OriginFor<T>,
			version: ModelVersion,
			max_rows: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_model(version, max_rows.min(T::MaxRowsPerUpload::get()))
		}

		/// Opt in to recommendations (completed purchases are recorded from now on), or out
		/// (the history, the active model's taste vector and the attestation are deleted).
		///
		/// ## Dispatch Origin
		/// Signed by the account.
		///
		/// ## Errors
		/// - [`Error::ParticipationUnchanged`] if the account already is where it asks to be.
		///
		/// ## Events
		/// - [`Event::OptedIn`] or [`Event::OptedOut`]
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_participation())]
		pub fn set_participation(origin: OriginFor<T>, participate: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_participation(who, participate)
		}

		/// Register as an attester with the `reco` key the attestations will be signed with,
		/// holding [`Config::AttesterBond`].
		///
		/// `proof` shows that the caller holds the key: the key's proof of possession for the
		/// caller's account, a signature of `b"POP_"` followed by the SCALE-encoded account id
		/// ([`Pallet::key_ownership_statement`]). A node makes it with
		/// `author_rotateKeysWithOwner(<account id>)`: the `reco` key's proof is the last of the
		/// proofs it returns (the last 64 bytes), as `session.set_keys` takes them.
		///
		/// ## Dispatch Origin
		/// Signed by the attester's account.
		///
		/// ## Errors
		/// - [`Error::AlreadyAttester`], [`Error::KeyInUse`], [`Error::InvalidKeyProof`],
		///   [`Error::InsufficientBond`].
		///
		/// ## Events
		/// - [`Event::AttesterRegistered`]
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register_attester())]
		pub fn register_attester(
			origin: OriginFor<T>,
			key: T::AttesterId,
			proof: T::AttesterSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_attester(who, key, proof)
		}

		/// Announce leaving: the key attests no more, and the bond can be withdrawn after
		/// [`Config::UnbondingPeriod`] (its attestations can be challenged until then).
		///
		/// ## Dispatch Origin
		/// Signed by the attester.
		///
		/// ## Errors
		/// - [`Error::NotAttester`], [`Error::AlreadyLeaving`].
		///
		/// ## Events
		/// - [`Event::AttesterLeaving`]
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unregister_attester())]
		pub fn unregister_attester(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister_attester(who)
		}

		/// Withdraw the bond after the unbonding period.
		///
		/// ## Dispatch Origin
		/// Signed by the leaving attester.
		///
		/// ## Errors
		/// - [`Error::NotAttester`], [`Error::NotLeaving`], [`Error::StillBonded`].
		///
		/// ## Events
		/// - [`Event::BondWithdrawn`]
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw_bond())]
		pub fn withdraw_bond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_bond(who)
		}

		/// Publish a user's recommendations, signed by an attester's `reco` key. Submitted by
		/// the attester's off-chain worker as an authorized transaction (no signer, no fee);
		/// the transaction pool runs every check below, so an invalid attestation never reaches
		/// a block.
		///
		/// ## Dispatch Origin
		/// Authorized: the attestation's own checks (`#[pallet::authorize]`).
		///
		/// ## Errors
		/// - [`Error::UnknownAttester`], [`Error::AttestationsExhausted`],
		///   [`Error::ModelNotActive`], [`Error::NotParticipant`], [`Error::StaleHistory`],
		///   [`Error::WrongHistoryDigest`], [`Error::NotStale`], [`Error::TasteNotBuilt`],
		///   [`Error::NotRanked`], [`Error::UnknownItem`], [`Error::BadSignature`].
		///
		/// ## Events
		/// - [`Event::Attested`]
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::attest())]
		#[pallet::authorize(Pallet::<T>::authorize_attest)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_attest())]
		pub fn attest(
			origin: OriginFor<T>,
			attestation: AttestationOf<T>,
			signature: T::AttesterSignature,
		) -> DispatchResult {
			ensure_authorized(origin)?;
			Self::do_attest(attestation, signature)
		}

		/// Challenge a user's attestation within its window: the runtime recomputes what the
		/// claim needs. Proven fraud slashes the attester (part of the bond to the caller);
		/// otherwise the caller's [`Config::ChallengeDeposit`] is forfeited.
		///
		/// ## Dispatch Origin
		/// Signed by the challenger.
		///
		/// ## Errors
		/// - [`Error::NoAttestation`], [`Error::ChallengeWindowClosed`],
		///   [`Error::AttestationSuperseded`], [`Error::InvalidClaimIndex`],
		///   [`Error::ItemWasRecommended`], [`Error::NotAModelItem`],
		///   [`Error::InsufficientChallengeDeposit`], [`Error::UnknownModel`],
		///   [`Error::TasteNotBuilt`].
		///
		/// ## Events
		/// - [`Event::ChallengeSucceeded`] or [`Event::ChallengeFailed`]
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(origin: OriginFor<T>, user: T::AccountId, claim: Claim) -> DispatchResult {
			let challenger = ensure_signed(origin)?;
			Self::do_challenge(challenger, user, claim)
		}

		/// Remove an attestation that is no longer current (another model is active, or the
		/// user's history moved on) once its challenge window has passed; the user waits for a
		/// new attestation. Lets a retired model be reaped.
		///
		/// ## Dispatch Origin
		/// Signed by anyone.
		///
		/// ## Errors
		/// - [`Error::NoAttestation`], [`Error::AttestationCurrent`].
		///
		/// ## Events
		/// - [`Event::AttestationRemoved`]
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::remove_attestation())]
		pub fn remove_attestation(origin: OriginFor<T>, user: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove_attestation(user)
		}
	}
}
