// Charlie buys demo listing 1 (Bob's hand grinder, 45 BZR), Bob ships, Charlie confirms. The
// completed order marks Charlie stale; an attesting collator's off-chain worker (Alice's or
// Bob's: both are attesters with their `reco` key in the keystore) ranks the demo catalog for
// him and submits a signed attestation. Returns 1 once the attestation is stored, bound to
// Charlie's current history nonce with ten ranked items, and RecommendationsApi serves it.
const { connect, devAccount, eventData, submit } = require('./lib.js');

const UNIT = 10n ** 12n;
const GRINDER = 1;
const ATTESTATION_TIMEOUT_MS = 300_000;

async function run (nodeName, networkInfo) {
  const api = await connect(nodeName, networkInfo);
  const bob = devAccount('Bob');
  const charlie = devAccount('Charlie');

  const placed = await submit(api, api.tx.orders.placeOrder(GRINDER, 1, 45n * UNIT, null, null), charlie);
  const { order } = eventData(api, placed, 'orders', 'OrderPlaced');
  await submit(api, api.tx.orders.ship(order, `0x${'11'.repeat(32)}`), bob);
  const confirmed = await submit(api, api.tx.orders.confirmReceipt(order), charlie);
  eventData(api, confirmed, 'recommendations', 'PurchaseRecorded');
  const nonce = (await api.query.recommendations.histories(charlie.address)).nonce.toNumber();
  console.log(`order ${order} completed; Charlie's history nonce is ${nonce}`);

  const deadline = Date.now() + ATTESTATION_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const stored = await api.query.recommendations.attestations(charlie.address);
    if (stored.isSome) {
      const { attestation } = stored.unwrap();
      console.log(`attested: ${JSON.stringify(attestation.toHuman())}`);
      // The @polkadot/api zombienet bundles leaves runtime APIs it has no definition of
      // undecorated ("Not decorating unknown runtime apis"), so call
      // RecommendationsApi_recommendations raw: its answer must be `Some` (first byte 1).
      const who = `0x${Buffer.from(charlie.publicKey).toString('hex')}`;
      const served = await api.rpc.state.call('RecommendationsApi_recommendations', who);
      console.log(`RecommendationsApi.recommendations answers ${served.length} bytes`);
      await api.disconnect();
      const bound = attestation.historyNonce.toNumber() === nonce && attestation.items.length === 10;
      return bound && served[0] === 1 ? 1 : 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
  console.log('no attestation within the timeout');
  await api.disconnect();
  return 0;
}

module.exports = { run };
