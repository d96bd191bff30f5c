// ES module entry for Node: the CommonJS build, loaded once, with its named exports.
export * from './node/ncp_certkit.js';
