//! The score: a value-weighted Bayesian average of the stars, discounted by the value that
//! arbitrators ruled against the account. Pure functions, so clients can recompute a score from
//! a [`Standing`] and check the runtime's.
//!
//! With `W` the prior weight ([`Config::PriorWeight`](crate::Config::PriorWeight)), `R` the rated
//! value, `S` the star value (Σ (stars − 1) × value), `C` the completed value and `A` the value
//! ruled against the account:
//!
//! ```text
//! stars  = (2·W + S) / (4·W + 4·R)        the prior is W worth of 3-star ratings
//! trust  = (W + C) / (W + C + A)          1 until a ruling goes against the account
//! score  = stars × trust                  0 ..= 100%, 50% with no history
//! ```

use crate::types::Standing;
use frame_support::traits::tokens::Balance as BalanceT;
use sp_runtime::Permill;

/// The score of an account with no history.
pub const NEUTRAL: Permill = Permill::from_percent(50);

/// The score `standing` earns against a prior worth `prior_weight`.
pub fn score<Balance: BalanceT>(standing: &Standing<Balance>, prior_weight: Balance) -> Permill {
	star_score(standing, prior_weight) * trust(standing, prior_weight)
}

/// The value-weighted average of the stars, pulled towards 3 stars by the prior, as a part of
/// the 1-to-5 range (1 star: 0, 3 stars: 50%, 5 stars: 100%).
pub fn star_score<Balance: BalanceT>(
	standing: &Standing<Balance>,
	prior_weight: Balance,
) -> Permill {
	let two: Balance = 2u32.into();
	let four: Balance = 4u32.into();
	let numerator = prior_weight.saturating_mul(two).saturating_add(standing.star_value);
	let denominator = prior_weight.saturating_add(standing.rated_value).saturating_mul(four);
	if denominator.is_zero() {
		return NEUTRAL;
	}
	Permill::from_rational(numerator, denominator)
}

/// The part of the account's completed value (plus the prior) that no ruling went against.
pub fn trust<Balance: BalanceT>(standing: &Standing<Balance>, prior_weight: Balance) -> Permill {
	let earned = prior_weight.saturating_add(standing.completed_value);
	let total = earned.saturating_add(standing.ruled_against_value);
	if total.is_zero() {
		return Permill::one();
	}
	Permill::from_rational(earned, total)
}

/// The least value of 5-star ratings that lifts a fresh account's score to `target` (below
/// 100%): `V = W·(4·target − 2) / (4 − 4·target)`, rounded up. Zero for targets at or below the
/// neutral score. What an attacker must self-deal to fake a score; see the pallet docs.
pub fn value_to_reach<Balance: BalanceT>(
	target: Permill,
	prior_weight: Balance,
) -> Option<Balance> {
	if target <= NEUTRAL {
		return Some(Balance::zero());
	}
	if target == Permill::one() {
		return None;
	}
	// In parts per million: V = W·(4t − 2·10⁶) / (4·10⁶ − 4t).
	let parts = u128::from(target.deconstruct());
	let numerator = parts.saturating_mul(4).saturating_sub(2_000_000);
	let denominator = 4_000_000u128.saturating_sub(parts.saturating_mul(4));
	let weight: u128 = prior_weight.try_into().ok()?;
	let value = weight.checked_mul(numerator)?.div_ceil(denominator);
	value.try_into().ok()
}
