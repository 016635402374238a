function popup(call) { var chat = JSON.parse(call.CALL_CHANNELDATA); return { onAnswer: chat.page }; }
