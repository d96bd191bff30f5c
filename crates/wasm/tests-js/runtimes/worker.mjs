// The matrix's worker for workerd: answers any request with the checks' results as JSON.
import * as certkit from 'ncp-certkit';
import inputs from './inputs.mjs';
import { runChecks } from './checks.mjs';

export default {
  async fetch() {
    return Response.json(await runChecks(certkit, inputs));
  },
};
