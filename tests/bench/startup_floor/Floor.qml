// The floor of start-up: a bare window of 200 plain Quick Controls buttons, as big as the
// kiosk's portrait screen, in the kiosk's Chinese font. Nothing else: no catalog, no models.
import QtQuick
import QtQuick.Controls

Window {
    width: 1080
    height: 1920
    visible: true
    title: "floor"

    Flow {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 8
        Repeater {
            model: 200
            Button {
                width: 250
                height: 80
                text: "事项 " + (index + 1)
            }
        }
    }
}
