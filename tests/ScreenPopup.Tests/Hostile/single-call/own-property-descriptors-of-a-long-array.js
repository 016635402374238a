function popup() { var n = Object.keys(Object.getOwnPropertyDescriptors(new Array(100000).fill(1))).length; return { onAnswer: 'https://x.example/?' + n }; }
