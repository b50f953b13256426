relayout-locked-outside = The locked stall { $code } lies outside the changed site outline. Move or unlock it before laying out again.
