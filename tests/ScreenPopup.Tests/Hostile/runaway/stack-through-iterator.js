function popup() { var o = {}; o[Symbol.iterator] = function () { return [...o][Symbol.iterator](); }; return { onAnswer: 'https://x.example/' + [...o].length }; }
