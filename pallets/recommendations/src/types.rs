//! The data the recommendations pallet stores and the calls carry.

use crate::Config;
use bazaar_inference::{ModelHeader, Purchase, Recommendation};
use bazaar_primitives::ListingId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

/// The account id type of the runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
/// The balance type of [`Config::Currency`].
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<AccountIdOf<T>>>::Balance;
/// A model version: approvals are numbered from 0.
pub type ModelVersion = u32;
/// A model as stored.
pub type ModelOf<T> = Model<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;
/// A batch of rows for [`crate::Pallet::upload_rows`].
pub type RowBatchOf<T> =
	BoundedVec<(ListingId, bazaar_inference::ItemRow), <T as Config>::MaxRowsPerUpload>;
/// The ranked items of an attestation.
pub type RankedItemsOf<T> = BoundedVec<Recommendation, <T as Config>::RecommendationsPerUser>;
/// An attestation as signed by the attester.
pub type AttestationOf<T> =
	Attestation<AccountIdOf<T>, <T as Config>::AttesterId, <T as Config>::RecommendationsPerUser>;
/// An attestation as stored.
pub type AttestationRecordOf<T> = AttestationRecord<
	AccountIdOf<T>,
	<T as Config>::AttesterId,
	BlockNumberFor<T>,
	<T as Config>::RecommendationsPerUser,
>;
/// The longest signature encoding an attestation record keeps (sr25519: 64 bytes).
pub const MAX_SIGNATURE_LEN: u32 = 128;
/// A signature's SCALE encoding, as an attestation record keeps it.
pub type EncodedSignature = BoundedVec<u8, frame_support::traits::ConstU32<MAX_SIGNATURE_LEN>>;
/// A user's purchase history as stored.
pub type HistoryOf<T> = History<<T as Config>::MaxHistory>;
/// An attester as stored.
pub type AttesterOf<T> = Attester<<T as Config>::AttesterId, BalanceOf<T>, BlockNumberFor<T>>;
/// How far the build of the active model's taste vectors got.
pub type TasteRebuildOf<T> = TasteRebuildProgress<AccountIdOf<T>>;
/// The attestations of one block, by attester.
pub type BlockAttestationsOf<T> =
	BlockAttestations<AccountIdOf<T>, BlockNumberFor<T>, <T as Config>::MaxAttestationsPerBlock>;

/// Where a model is in its life.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum ModelStatus<BlockNumber> {
	/// Approved; its uploader is uploading the rows, in increasing item order.
	Uploading {
		/// Rows uploaded so far.
		rows: u32,
		/// The last item uploaded: the next batch starts above it.
		last_item: Option<ListingId>,
		/// The digest of the header and the rows uploaded so far (see
		/// [`bazaar_inference::header_digest`]).
		digest: H256,
		/// The last block rows may be uploaded in ([`crate::Config::UploadWindow`] after the
		/// approval). An upload unfinished by then is abandoned: anyone may retire it and remove
		/// its rows ([`crate::Pallet::reap_model`]), so its deposit does not stay held forever.
		upload_by: BlockNumber,
	},
	/// The model attesters must use: its rows hashed to the approved digest.
	Active {
		/// The block it became active in.
		since: BlockNumber,
	},
	/// Replaced by a newer model, or its upload did not match the approved digest. Its rows are
	/// removed by [`crate::Pallet::reap_model`] once no attestation refers to it.
	Retired,
}

/// A model version.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Model<AccountId, Balance, BlockNumber> {
	/// The digest governance approved (see [`bazaar_inference::ModelFile::digest`]).
	pub digest: H256,
	/// The model-wide parameters.
	pub header: ModelHeader,
	/// Who uploads the rows and pays their storage deposit.
	pub uploader: AccountId,
	/// The deposit held from the uploader for the rows uploaded so far.
	pub deposit: Balance,
	/// Where the model is in its life.
	pub status: ModelStatus<BlockNumber>,
	/// How many stored attestations were made with this model: it cannot be removed before
	/// they are.
	pub attestations: u32,
}

/// A user's purchases, as the model reads them.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxHistory))]
pub struct History<MaxHistory: frame_support::traits::Get<u32>> {
	/// The most recent purchases, oldest first; the oldest is dropped when it is full.
	pub purchases: BoundedVec<Purchase, MaxHistory>,
	/// Changed by every recorded purchase, and never to a value it had before: 0 for an empty
	/// history, else 1 + the id of the order recorded last (order ids are never reused). An
	/// attestation is bound to the nonce it was made for, so a newer purchase makes it stale, and
	/// opting out and in again (which starts a new, empty history) can never bring an old nonce
	/// back for an old attestation to be replayed against.
	pub nonce: u64,
	/// The number the next purchase's basket gets.
	pub next_basket: u32,
}

impl<MaxHistory: frame_support::traits::Get<u32>> Default for History<MaxHistory> {
	fn default() -> Self {
		Self { purchases: BoundedVec::new(), nonce: 0, next_basket: 0 }
	}
}

impl<MaxHistory: frame_support::traits::Get<u32>> History<MaxHistory> {
	/// What an attestation binds of the history the model read: the blake2_256 of the
	/// SCALE-encoded purchases (items and baskets, oldest first).
	pub fn digest(&self) -> H256 {
		H256(sp_io::hashing::blake2_256(&self.purchases.encode()))
	}
}

/// The build of a newly activated model's taste vectors from the stored histories
/// ([`crate::TasteRebuild`]).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct TasteRebuildProgress<AccountId> {
	/// The model whose tastes are built (the active one).
	pub version: ModelVersion,
	/// The last participant whose history was visited, in the order of the histories' storage
	/// keys; `None` before the first.
	pub last: Option<AccountId>,
}

/// A registered attester.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Attester<AttesterId, Balance, BlockNumber> {
	/// The `reco` key its attestations are signed with.
	pub key: AttesterId,
	/// The bond held from it, slashed if an attestation is proven false.
	pub bond: Balance,
	/// Set when it announced leaving: it attests no more, and may withdraw its bond from this
	/// block on.
	pub unbonds_at: Option<BlockNumber>,
}

/// What an attester signs: the top items of `user` under a model version, for the history the
/// model read (its nonce and its digest). The signed bytes also bind the chain (its genesis
/// hash, see [`Attestation::signing_payload`]).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(K))]
pub struct Attestation<AccountId, AttesterId, K>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	AttesterId: Clone + PartialEq + Eq + core::fmt::Debug,
	K: frame_support::traits::Get<u32>,
{
	/// Whose recommendations these are.
	pub user: AccountId,
	/// The model version that computed them (the active one).
	pub model_version: ModelVersion,
	/// The user's history nonce the model read.
	pub history_nonce: u64,
	/// The digest of the history the model read ([`History::digest`]): a challenge is judged
	/// against exactly that history, never against another one that happens to share its nonce.
	pub history_digest: H256,
	/// The best items, best first by [`bazaar_inference::ranks_above`], with their scores.
	pub items: BoundedVec<Recommendation, K>,
	/// The key that signs.
	pub attester: AttesterId,
}

impl<AccountId, AttesterId, K> Attestation<AccountId, AttesterId, K>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug + Encode,
	AttesterId: Clone + PartialEq + Eq + core::fmt::Debug + Encode,
	K: frame_support::traits::Get<u32>,
{
	/// Domain separation: these bytes start every signed payload, so an attestation signature
	/// can never be mistaken for a signature of anything else. Version 2 added the chain's
	/// genesis hash and the history digest.
	pub const SIGNING_CONTEXT: &'static [u8] = b"bazaar/recommendations/attest/v2";

	/// The bytes the attester signs: the signing context, the genesis hash of the chain it is
	/// for (so a signature made for a test network or another chain with the same keys is
	/// worthless here), then the SCALE-encoded attestation.
	/// [`crate::Pallet::signing_payload`] fills in this chain's genesis hash.
	pub fn signing_payload(&self, genesis_hash: &[u8]) -> alloc::vec::Vec<u8> {
		let mut payload = Self::SIGNING_CONTEXT.to_vec();
		payload.extend_from_slice(genesis_hash);
		self.encode_to(&mut payload);
		payload
	}
}

/// An accepted attestation, as stored under its user.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(K))]
pub struct AttestationRecord<AccountId, AttesterId, BlockNumber, K>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	AttesterId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	K: frame_support::traits::Get<u32>,
{
	/// The attester's account, whose bond answers for it.
	pub attester: AccountId,
	/// What was signed.
	pub attestation: Attestation<AccountId, AttesterId, K>,
	/// The SCALE encoding of the signature, so anyone can check it off-chain too.
	pub signature: EncodedSignature,
	/// The block it was accepted in; challenges are open for
	/// [`Config::ChallengeWindow`] blocks from there.
	pub attested_at: BlockNumber,
}

/// What a challenger claims is wrong with an attestation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Claim {
	/// The score of the item at this position of the list is not what the model computes (or
	/// the item may not be recommended at all).
	WrongScore(u32),
	/// This listing is not in the list but ranks above its last item (or the list is shorter
	/// than [`Config::RecommendationsPerUser`] and leaves it out).
	MissedItem(ListingId),
}

/// The active model, as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelInfo {
	/// Its version.
	pub version: ModelVersion,
	/// Its approved digest.
	pub digest: H256,
	/// Its parameters.
	pub header: ModelHeader,
}

/// A user's current recommendations, as the runtime API returns them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AttestedRecommendations<AccountId, BlockNumber> {
	/// The attester who signed them, and whose bond answers for them.
	pub attester: AccountId,
	/// The model version that computed them.
	pub model_version: ModelVersion,
	/// The history nonce they were computed for.
	pub history_nonce: u64,
	/// The items, best first, with their scores.
	pub items: alloc::vec::Vec<Recommendation>,
	/// The block they were accepted in.
	pub attested_at: BlockNumber,
	/// The last block a challenge is accepted in.
	pub challengeable_until: BlockNumber,
}

/// How many attestations each attester placed in one block: what the per-block caps are
/// checked against. A record of an earlier block counts as empty, so it needs no clearing.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
	frame_support::DefaultNoBound,
)]
#[scale_info(skip_type_params(MaxAttestations))]
pub struct BlockAttestations<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug + Default,
	MaxAttestations: frame_support::traits::Get<u32>,
> {
	/// The block the counts are for.
	pub block: BlockNumber,
	/// Each attester with the attestations it placed in `block` (at least one each, so there
	/// are never more entries than attestations).
	pub by_attester: BoundedVec<(AccountId, u32), MaxAttestations>,
}

impl<AccountId, BlockNumber, MaxAttestations>
	BlockAttestations<AccountId, BlockNumber, MaxAttestations>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug + Default,
	MaxAttestations: frame_support::traits::Get<u32>,
{
	/// The attestations placed in block `now` in all, and by `attester`.
	pub fn counts(&self, now: &BlockNumber, attester: &AccountId) -> (u32, u32) {
		if self.block != *now {
			return (0, 0);
		}
		let total = self.by_attester.iter().fold(0u32, |sum, (_, n)| sum.saturating_add(*n));
		let own = self.by_attester.iter().find(|(who, _)| who == attester).map_or(0, |(_, n)| *n);
		(total, own)
	}

	/// Counts one more attestation of `attester` in block `now`. Returns `false` (and changes
	/// nothing) if a new attester would not fit, which the caps checked before rule out.
	pub fn record(&mut self, now: BlockNumber, attester: AccountId) -> bool {
		if self.block != now {
			self.block = now;
			self.by_attester = BoundedVec::new();
		}
		if let Some((_, count)) = self.by_attester.iter_mut().find(|(who, _)| *who == attester) {
			*count = count.saturating_add(1);
			return true;
		}
		self.by_attester.try_push((attester, 1)).is_ok()
	}
}
