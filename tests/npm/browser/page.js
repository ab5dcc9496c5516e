import { evalIsBlocked, runCases } from "./run.js";

const params = new URLSearchParams(location.search);
window.testResults = (async () => ({
  evalBlocked: evalIsBlocked(),
  results: await runCases(params.get("entry"), params.get("expected")),
}))();
