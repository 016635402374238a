function popup() { var b = new Uint8Array(2e9); return {}; }
