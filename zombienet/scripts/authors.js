// Returns how many distinct collators authored the parachain's last (up to) 30 blocks, from the
// Aura slot in each block's digest: 2 when both collators take turns.
const { connect } = require('./lib.js');

async function run (nodeName, networkInfo) {
  const api = await connect(nodeName, networkInfo);
  const authors = new Set();
  let hash = await api.rpc.chain.getBlockHash();
  for (let seen = 0; seen < 30; seen += 1) {
    const header = await api.rpc.chain.getHeader(hash);
    if (header.number.toNumber() === 0) break;
    const preRuntime = header.digest.logs.find(
      (log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura'
    );
    if (preRuntime) {
      const slot = api.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
      const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
      authors.add(authorities[Number(slot % BigInt(authorities.length))].toString());
    }
    hash = header.parentHash;
  }
  console.log(`authors of the last blocks: ${[...authors].join(', ')}`);
  await api.disconnect();
  return authors.size;
}

module.exports = { run };
