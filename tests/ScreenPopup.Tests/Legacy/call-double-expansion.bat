@echo off
call echo %CLI%
