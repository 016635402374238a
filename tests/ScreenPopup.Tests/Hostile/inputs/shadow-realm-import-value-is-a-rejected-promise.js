function popup() { var p = new ShadowRealm().importValue('x', 'y'); return { onAnswer: 'https://x.example/?' + (p instanceof Promise) }; }
