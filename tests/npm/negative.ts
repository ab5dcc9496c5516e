// Must NOT type-check (types.test.mjs checks the error and its line): if the package's types were
// `any`, this would pass.
import { validate } from "ocpi-open-data";

const line: string = validate("[]").diagnostics[0].line;
console.log(line);
