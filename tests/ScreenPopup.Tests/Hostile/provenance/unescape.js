function popup(call) { return { onAnswer: 'https://crm.example/?q=' + unescape(call.CALL_CHANNELDATA) }; }
