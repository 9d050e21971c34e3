// Module declarations for Plasmo's import schemes (`url:` for the kernel's .wasm files).
/// <reference path="../node_modules/plasmo/templates/plasmo.d.ts" />
