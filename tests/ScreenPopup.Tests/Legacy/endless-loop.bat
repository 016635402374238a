@echo off
:again
goto again
