function popup() { var o = {}; o[Symbol.toPrimitive] = function () { return '' + o; }; return { onAnswer: 'https://x.example/' + o }; }
