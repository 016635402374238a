function popup(call) { var chat = JSON.parse(call.CALL_CHANNELDATA, function (k, v) { return v; }); return { onAnswer: chat.page }; }
