function popup() { var s = 'x'.repeat(1e6); Promise.allSettled(s.matchAll(/./g)); return { onAnswer: 'https://x.example/' }; }
