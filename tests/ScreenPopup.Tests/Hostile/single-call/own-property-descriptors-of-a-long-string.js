function popup() { var n = Object.keys(Object.getOwnPropertyDescriptors('x'.repeat(1e6))).length; return { onAnswer: 'https://x.example/?' + n }; }
