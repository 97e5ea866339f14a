//! The custom origins of Bazaar's OpenGov: each is what a referendum on its track dispatches
//! with, and each is accepted only by the calls it is meant for.

pub use pallet_custom_origins::*;

// The FRAME macros expand to `expect`s with proofs; this module has none of its own.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet_custom_origins {
	use crate::{Balance, UNIT};
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The origins a referendum can dispatch with, besides root.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Dispatches a call the whitelist origin approved (a faster path for urgent fixes).
		WhitelistedCaller,
		/// Sets the market fee and the marketplace's limits.
		MarketAdmin,
		/// Rules on order disputes.
		Arbitrator,
		/// Approves recommendation models.
		ModelApprover,
		/// Spends from the treasury, up to 100,000 BZR at once.
		Treasurer,
		/// Spends from the treasury, up to 1,000 BZR at once.
		SmallSpender,
		/// Cancels a referendum (refunding its deposits).
		ReferendumCanceller,
		/// Kills a referendum (slashing its deposits).
		ReferendumKiller,
	}

	macro_rules! decl_unit_ensures {
		( $( $name:ident ),* $(,)? ) => { $(
			#[doc = concat!("Ensures the `", stringify!($name), "` origin.")]
			pub struct $name;
			impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for $name {
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					o.into().and_then(|o| match o {
						Origin::$name => Ok(()),
						r => Err(O::from(r)),
					})
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		)* };
	}
	decl_unit_ensures!(
		WhitelistedCaller,
		MarketAdmin,
		Arbitrator,
		ModelApprover,
		Treasurer,
		ReferendumCanceller,
		ReferendumKiller,
	);

	/// The treasury spend origins, with the most each may spend at once.
	pub struct Spender;
	impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for Spender {
		type Success = Balance;
		fn try_origin(o: O) -> Result<Self::Success, O> {
			o.into().and_then(|o| match o {
				Origin::SmallSpender => Ok(1_000 * UNIT),
				Origin::Treasurer => Ok(100_000 * UNIT),
				r => Err(O::from(r)),
			})
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn try_successful_origin() -> Result<O, ()> {
			Ok(O::from(Origin::Treasurer))
		}
	}
}
