function popup() { var a = Array.from({ length: 1e9 }); return {}; }
