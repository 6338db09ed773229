/** Stops the shared provider processes of global-setup.js. */
module.exports = async function globalTeardown() {
  globalThis.__sharedProviders?.stop();
};
