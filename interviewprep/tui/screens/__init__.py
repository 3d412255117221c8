"""One Screen per mode of the app; dialogs are ModalScreens."""
