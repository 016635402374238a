function popup(call) { return { onAnswer: 'https://crm.example/?d=' + call.CALL_CHANNELDATA }; }
