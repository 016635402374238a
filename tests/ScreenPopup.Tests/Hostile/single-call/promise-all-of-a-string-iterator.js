function popup() { var s = 'x'.repeat(1e6); Promise.all(s[Symbol.iterator]()); return { onAnswer: 'https://x.example/' }; }
