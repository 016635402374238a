@echo off
echo "http://mycrm.net/call.php?pin=%PIN%&idcall=%IDCALL%&number=%CLI%"
