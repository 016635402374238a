function popup() { var o = {}; o[Symbol.hasInstance] = function (v) { return v instanceof o; }; return { onAnswer: 'https://x.example/' + (1 instanceof o) }; }
