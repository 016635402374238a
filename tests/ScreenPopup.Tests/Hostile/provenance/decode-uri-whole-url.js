function popup(call) { return { onAnswer: decodeURI(call.CALL_CHANNELDATA) }; }
