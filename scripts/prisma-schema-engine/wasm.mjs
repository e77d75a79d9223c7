// Loads @prisma/schema-engine-wasm. Its entry module does
// `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20 cannot
// import without --experimental-wasm-modules, so instantiate the binary by
// hand against the package's JS glue, which the entry would otherwise wire up.
import { readFile } from "node:fs/promises";

/** The last panic message; the Wasm panic hook reports it through this global. */
export const panics = { message: "" };
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    panics.message = message;
    process.stderr.write(`${JSON.stringify({ level: "ERROR", fields: { message: `panic: ${message}` }, target: "schema_engine_wasm" })}\n`);
  },
};

export async function loadSchemaEngineWasm() {
  const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(glueUrl);
  const bytes = await readFile(new URL("schema_engine_bg.wasm", glueUrl));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue; // { SchemaEngine, version }
}

/** A trap (e.g. `unreachable` after a Rust panic) leaves the instance unusable. */
export function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError;
}
