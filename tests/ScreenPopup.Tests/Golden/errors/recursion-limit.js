function f(n) { return f(n + 1); }
function popup() { return f(0); }
