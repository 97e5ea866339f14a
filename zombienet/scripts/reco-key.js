// Puts the collator's attester key in its keystore: the `reco` key of the dev account the node
// is named after (alice -> //Alice), which the local testnet's genesis registered as that
// collator's attester key. zombienet writes only the standard key types into keystores.
// Returns 1 once the node reports holding the key.
const { connect } = require('./lib.js');

async function run (nodeName, networkInfo) {
  const api = await connect(nodeName, networkInfo);
  const seed = `//${nodeName.charAt(0).toUpperCase()}${nodeName.slice(1)}`;
  const pair = new zombie.Keyring({ type: 'sr25519' }).addFromUri(seed);
  const publicKey = `0x${Buffer.from(pair.publicKey).toString('hex')}`;
  await api.rpc.author.insertKey('reco', seed, publicKey);
  const held = await api.rpc.author.hasKey(publicKey, 'reco');
  console.log(`${nodeName}: reco key ${publicKey} in the keystore: ${held}`);
  await api.disconnect();
  return held.isTrue ? 1 : 0;
}

module.exports = { run };
