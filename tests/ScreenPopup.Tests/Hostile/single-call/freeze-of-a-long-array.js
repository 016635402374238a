function popup() { var n = Object.freeze(new Array(100000).fill(1)).length; return { onAnswer: 'https://x.example/?' + n }; }
