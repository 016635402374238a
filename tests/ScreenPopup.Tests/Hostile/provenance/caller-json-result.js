function popup(call) { return call.CALL_CHANNELDATA; }
