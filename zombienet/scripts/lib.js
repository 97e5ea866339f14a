// Helpers for the js-script steps of bazaar-local.zndsl. zombienet runs each script in Node.js
// with a global `zombie` ({ connect, Keyring, util }); scripts are CommonJS.

/** Connects to the node called `nodeName` in the running network. */
async function connect (nodeName, networkInfo) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  await zombie.util.cryptoWaitReady();
  return api;
}

/** The dev account `//Name` (sr25519). */
function devAccount (name) {
  return new zombie.Keyring({ type: 'sr25519' }).addFromUri(`//${name}`);
}

/**
 * Signs and submits `tx`; resolves with its events once it is in a block, rejects on a pool
 * error or a dispatch error (named from the metadata).
 */
function submit (api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, (result) => {
      if (result.status.isInBlock || result.status.isFinalized) {
        unsubscribe();
        if (result.dispatchError) {
          const error = result.dispatchError.isModule
            ? api.registry.findMetaError(result.dispatchError.asModule)
            : { section: 'dispatch', name: result.dispatchError.toString() };
          reject(new Error(`${tx.method.section}.${tx.method.method} failed: ${error.section}.${error.name}`));
        } else {
          resolve(result.events);
        }
      } else if (result.isError) {
        unsubscribe();
        reject(new Error(`${tx.method.section}.${tx.method.method}: ${result.status.type}`));
      }
    }).then((unsub) => { unsubscribe = unsub; }, reject);
  });
}

/** The first event `pallet.name` in `events`, or an error naming what is missing. */
function eventData (api, events, pallet, name) {
  const found = events.find(({ event }) => api.events[pallet][name].is(event));
  if (!found) throw new Error(`no ${pallet}.${name} event`);
  return found.event.data;
}

module.exports = { connect, devAccount, eventData, submit };
