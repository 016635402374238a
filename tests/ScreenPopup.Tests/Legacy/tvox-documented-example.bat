if "%SERVICE%" == "servizio_1" GOTO REQ1
:REQ1
start "" "http://mycrm.net/call.php?pin=%PIN%&idcall=%IDCALL%&number=%CLI%"
