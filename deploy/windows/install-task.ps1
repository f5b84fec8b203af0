<#
.SYNOPSIS
    Starts the waiting-room kiosk whenever the kiosk account signs in, and again whenever it exits.

.DESCRIPTION
    For Windows editions without Shell Launcher (Pro, Home). Registers a scheduled task that runs at
    logon of the kiosk account and keeps C:\Kiosk\kiosk.exe running: a small PowerShell loop starts it
    again two seconds after every exit (a crash, or a staff exit), and the task itself is restarted
    every minute if it ever fails. Explorer still runs underneath, so also set up auto-logon and the
    lock-down settings in README.md.

    Run it once, in an elevated PowerShell:
        powershell -ExecutionPolicy Bypass -File install-task.ps1 -User kiosk -KioskExe C:\Kiosk\kiosk.exe
    Remove it with:
        Unregister-ScheduledTask -TaskName "Waiting-room kiosk" -Confirm:$false

    UNTESTED: the project is built and tested on Linux; this script has not been run on Windows.
#>
[CmdletBinding()]
param(
    [string] $User = "kiosk",
    [string] $KioskExe = "C:\Kiosk\kiosk.exe",
    [string] $TaskName = "Waiting-room kiosk",
    [int] $RestartDelaySeconds = 2
)

$ErrorActionPreference = "Stop"

if (-not ([Security.Principal.WindowsPrincipal] [Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole(
        [Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw "Run this script from an elevated (Administrator) PowerShell."
}
if (-not (Test-Path -LiteralPath $KioskExe)) {
    throw "$KioskExe not found: copy the kiosk folder (dist\kiosk) to $(Split-Path $KioskExe) first."
}
$null = Get-LocalUser -Name $User   # fails clearly if the account does not exist

# The loop that restarts the kiosk whenever it exits (`kiosk run`: full screen, locked down).
$loop = "while (`$true) { & '$KioskExe' run; Start-Sleep -Seconds $RestartDelaySeconds }"
$action = New-ScheduledTaskAction -Execute "powershell.exe" `
    -Argument "-NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass -Command `"$loop`"" `
    -WorkingDirectory (Split-Path $KioskExe)

$trigger = New-ScheduledTaskTrigger -AtLogOn -User $User

# Interactive: runs on the kiosk account's desktop (the screen), with its normal (limited) rights.
$principal = New-ScheduledTaskPrincipal -UserId $User -LogonType Interactive -RunLevel Limited

$settings = New-ScheduledTaskSettingsSet `
    -ExecutionTimeLimit ([TimeSpan]::Zero) `
    -RestartCount 9999 -RestartInterval (New-TimeSpan -Minutes 1) `
    -MultipleInstances IgnoreNew `
    -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
    -StartWhenAvailable `
    -DontStopOnIdleEnd
# ExecutionTimeLimit 0 = no limit: by default Task Scheduler stops a task after 3 days.
# RestartInterval cannot be shorter than 1 minute; the loop above does the quick restarts.

Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Principal $principal `
    -Settings $settings -Description "Starts the waiting-room kiosk at logon and restarts it when it exits." `
    -Force | Out-Null

Write-Host "Registered scheduled task '$TaskName' for $User. It starts at the next sign-in of $User."
Write-Host "Start it now (when $User is signed in): Start-ScheduledTask -TaskName '$TaskName'"
