function f() { return g(); }
var g = f.bind(null);
function popup() { return { onAnswer: f() }; }
