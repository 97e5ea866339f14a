// Alice sends Ferdie 1 BZR with a signed transfer_keep_alive; returns 1 once it is in a
// parachain block and Ferdie's free balance grew by exactly that much.
const { connect, devAccount, submit } = require('./lib.js');

const ONE_BZR = 10n ** 12n;

async function run (nodeName, networkInfo) {
  const api = await connect(nodeName, networkInfo);
  const alice = devAccount('Alice');
  const ferdie = devAccount('Ferdie');
  const before = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
  await submit(api, api.tx.balances.transferKeepAlive(ferdie.address, ONE_BZR), alice);
  const after = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
  console.log(`Ferdie's free balance: ${before} -> ${after}`);
  await api.disconnect();
  return after - before === ONE_BZR ? 1 : 0;
}

module.exports = { run };
