function popup() { var n = new Intl.ListFormat().format(new Array(300).fill('x'.repeat(1e6))).length; return { onAnswer: 'https://x.example/?' + n }; }
