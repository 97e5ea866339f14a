//! The referendum tracks: one per origin, each with its deposit, periods and passing curves.
//! With `fast-runtime` (the dev chain) every period is a minute or less, so a referendum passes
//! in about half a minute of 1-second blocks.

use super::origins;
use crate::{Balance, BlockNumber, RuntimeOrigin, DAYS, HOURS, MINUTES, UNIT};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use polkadot_runtime_common::prod_or_fast;
use sp_runtime::str_array as name;

const fn percent(x: i32) -> sp_arithmetic::FixedI64 {
	sp_arithmetic::FixedI64::from_rational(x as u128, 100)
}

/// Approval starts at 80% and falls to 50% over the decision period: contested root changes
/// need a clear majority early on.
const APPROVAL_STRICT: Curve =
	Curve::make_reciprocal(4, 28, percent(80), percent(50), percent(100));
/// Approval falls linearly from 100% to 50%.
const APPROVAL_LINEAR: Curve = Curve::make_linear(28, 28, percent(50), percent(100));
/// Support (turnout) needed falls linearly from 50% to nothing.
const SUPPORT_LINEAR: Curve = Curve::make_linear(28, 28, percent(0), percent(50));
/// Support needed falls quickly from 50% towards a floor of 1% (routine decisions).
const SUPPORT_ROUTINE: Curve = Curve::make_reciprocal(12, 28, percent(1), percent(0), percent(50));
/// A whitelisted call needs little support but near-unanimous approval.
const APPROVAL_WHITELISTED: Curve =
	Curve::make_reciprocal(16, 28 * 24, percent(96), percent(50), percent(100));
const SUPPORT_WHITELISTED: Curve =
	Curve::make_reciprocal(1, 28, percent(20), percent(5), percent(50));

/// The blocks a track waits before deciding (fast: 10 blocks).
const fn period(prod: BlockNumber) -> BlockNumber {
	prod_or_fast!(prod, MINUTES)
}

const fn track(
	id: u16,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	timing: [BlockNumber; 4],
	min_approval: Curve,
	min_support: Curve,
) -> Track<u16, Balance, BlockNumber> {
	let [prepare_period, decision_period, confirm_period, min_enactment_period] = timing;
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period,
			decision_period: prod_or_fast!(decision_period, 5 * MINUTES),
			confirm_period,
			min_enactment_period,
			min_approval,
			min_support,
		},
	}
}

/// Track ids, as referenced by [`TracksInfo::track_for`].
pub mod ids {
	pub const ROOT: u16 = 0;
	pub const WHITELISTED_CALLER: u16 = 1;
	pub const MARKET_ADMIN: u16 = 10;
	pub const ARBITRATOR: u16 = 11;
	pub const MODEL_APPROVER: u16 = 12;
	pub const TREASURER: u16 = 20;
	pub const SMALL_SPENDER: u16 = 21;
	pub const REFERENDUM_CANCELLER: u16 = 30;
	pub const REFERENDUM_KILLER: u16 = 31;
}

const TRACKS: [Track<u16, Balance, BlockNumber>; 9] = [
	// Runtime upgrades and anything else only root may do.
	track(
		ids::ROOT,
		"root",
		1,
		10_000 * UNIT,
		[period(2 * HOURS), 14 * DAYS, period(DAYS), period(DAYS)],
		APPROVAL_STRICT,
		SUPPORT_LINEAR,
	),
	track(
		ids::WHITELISTED_CALLER,
		"whitelisted_caller",
		100,
		1_000 * UNIT,
		[period(30 * MINUTES), 14 * DAYS, period(10 * MINUTES), period(10 * MINUTES)],
		APPROVAL_WHITELISTED,
		SUPPORT_WHITELISTED,
	),
	// The market fee and limits.
	track(
		ids::MARKET_ADMIN,
		"market_admin",
		10,
		1_000 * UNIT,
		[period(2 * HOURS), 14 * DAYS, period(3 * HOURS), period(DAYS)],
		APPROVAL_LINEAR,
		SUPPORT_ROUTINE,
	),
	// Dispute rulings: many at once, decided well within the orders' 14-day ruling window.
	track(
		ids::ARBITRATOR,
		"arbitrator",
		100,
		10 * UNIT,
		[period(HOURS), 7 * DAYS, period(HOURS), period(MINUTES)],
		APPROVAL_LINEAR,
		SUPPORT_ROUTINE,
	),
	// Recommendation models.
	track(
		ids::MODEL_APPROVER,
		"model_approver",
		10,
		1_000 * UNIT,
		[period(2 * HOURS), 14 * DAYS, period(3 * HOURS), period(HOURS)],
		APPROVAL_LINEAR,
		SUPPORT_ROUTINE,
	),
	track(
		ids::TREASURER,
		"treasurer",
		10,
		1_000 * UNIT,
		[period(2 * HOURS), 14 * DAYS, period(3 * HOURS), period(DAYS)],
		APPROVAL_STRICT,
		SUPPORT_LINEAR,
	),
	track(
		ids::SMALL_SPENDER,
		"small_spender",
		50,
		100 * UNIT,
		[period(HOURS), 7 * DAYS, period(HOURS), period(HOURS)],
		APPROVAL_LINEAR,
		SUPPORT_ROUTINE,
	),
	track(
		ids::REFERENDUM_CANCELLER,
		"referendum_canceller",
		100,
		1_000 * UNIT,
		[period(HOURS), 7 * DAYS, period(3 * HOURS), period(10 * MINUTES)],
		APPROVAL_LINEAR,
		SUPPORT_ROUTINE,
	),
	track(
		ids::REFERENDUM_KILLER,
		"referendum_killer",
		100,
		5_000 * UNIT,
		[period(HOURS), 14 * DAYS, period(3 * HOURS), period(10 * MINUTES)],
		APPROVAL_LINEAR,
		SUPPORT_ROUTINE,
	),
];

/// The tracks, and which origin each referendum's proposal dispatches with.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		TRACKS.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		if let Ok(system) = frame_system::RawOrigin::try_from(origin.clone()) {
			return match system {
				frame_system::RawOrigin::Root => Ok(ids::ROOT),
				_ => Err(()),
			};
		}
		match origins::Origin::try_from(origin.clone()) {
			Ok(origins::Origin::WhitelistedCaller) => Ok(ids::WHITELISTED_CALLER),
			Ok(origins::Origin::MarketAdmin) => Ok(ids::MARKET_ADMIN),
			Ok(origins::Origin::Arbitrator) => Ok(ids::ARBITRATOR),
			Ok(origins::Origin::ModelApprover) => Ok(ids::MODEL_APPROVER),
			Ok(origins::Origin::Treasurer) => Ok(ids::TREASURER),
			Ok(origins::Origin::SmallSpender) => Ok(ids::SMALL_SPENDER),
			Ok(origins::Origin::ReferendumCanceller) => Ok(ids::REFERENDUM_CANCELLER),
			Ok(origins::Origin::ReferendumKiller) => Ok(ids::REFERENDUM_KILLER),
			Err(_) => Err(()),
		}
	}
}
