// Modules the build puts beside the workers (their folders are filled in by build.py).

declare module "*/pyodide.mjs" {
  export function loadPyodide(options?: object): Promise<any>;
}

declare module "*/ort.wasm.min.mjs" {
  export const env: any;
  export const InferenceSession: any;
  export const Tensor: any;
}
