function popup(call) { return { onAnswer: 'https://crm.example/?q=' + decodeURIComponent(call.CALL_CHANNELDATA) }; }
