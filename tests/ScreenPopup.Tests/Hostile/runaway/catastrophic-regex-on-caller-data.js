function popup(call) { return { onAnswer: /^(a+)+$/.test(call.CALL_CHANNELDATA) ? 'https://x.example/' : null }; }
