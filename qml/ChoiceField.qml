// SPDX-License-Identifier: Apache-2.0
// ChoiceField: one choice of a form (备案类型) as big buttons, the chosen one filled; what is
// wrong (nothing chosen yet) under it. A file of its own: a Repeater inside a form's Repeater
// cannot be bound to the form screen on Qt 6.4.
pragma ComponentBehavior: Bound
import QtQuick

Column {
    id: field

    property string fieldId
    property string label
    property bool required: false
    property var options: []
    property string chosen
    property string problem

    signal picked(string value)

    spacing: Theme.px(8)

    Text {
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        width: parent.width
        text: field.label + (field.required ? qsTr("（必填）") : "")
        color: Theme.text
        font.pixelSize: Theme.fontLarge
        font.bold: true
    }
    Flow {
        width: parent.width
        spacing: Theme.gap
        Repeater {
            model: field.options
            delegate: BigButton {
                required property string modelData
                required property int index
                objectName: "option_" + field.fieldId + "_" + index
                text: modelData
                outlined: field.chosen !== modelData
                Accessible.role: Accessible.RadioButton
                Accessible.checkable: true
                Accessible.checked: !outlined
                onClicked: field.picked(modelData)
            }
        }
    }
    Text {
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        objectName: "field_" + field.fieldId + "_problem"
        width: parent.width
        visible: text.length > 0
        text: field.problem
        color: Theme.problemText
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        lineHeight: Theme.lineHeight
    }
}
